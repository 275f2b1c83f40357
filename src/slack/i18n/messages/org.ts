// Organisation import (src/services/org.ts): refusals name the entry of the file.
import type { AreaMessages } from "../index.ts";

export const org: AreaMessages = {
  zh: {
    "error.ORG.INVALID": "组织架构文件 {entry} 的 {field} 有误：{message}",
    "error.ORG.DUPLICATE_WINDOW": "组织架构文件 {entry}：窗口编号 {window} 重复。",
    "error.ORG.DUPLICATE_PERSON": "组织架构文件 {entry}：人员 {person} 重复出现。",
    "error.ORG.UNKNOWN_WINDOW": "组织架构文件 {entry}：窗口 {window} 不在 windows 列表中。",
    "error.ORG.LEADER_NOT_IN_WINDOW": "组织架构文件 {entry}：窗口负责人 {leader} 不是窗口 {window} 的人员。",
    "error.ORG.LEADER_ROLE": "组织架构文件 {entry}：窗口负责人 {leader} 的 role 必须是 window_leader。",
    "error.ORG.EXTRA_LEADER":
      "组织架构文件 {entry}：role 为 window_leader，但窗口 {window} 的负责人是 {leader}。",
    "org.imported":
      "组织架构已导入：窗口 新增 {wc}、更新 {wu}、未变 {wn}、停用 {wd}；人员 新增 {pc}、更新 {pu}、未变 {pn}、停用 {pd}；督查科 {inspection} 人。",
  },
  en: {
    "error.ORG.INVALID": "Organisation file {entry}, {field}: {message}",
    "error.ORG.DUPLICATE_WINDOW": "Organisation file {entry}: window id {window} appears twice.",
    "error.ORG.DUPLICATE_PERSON": "Organisation file {entry}: person {person} appears twice.",
    "error.ORG.UNKNOWN_WINDOW": "Organisation file {entry}: window {window} is not in the windows list.",
    "error.ORG.LEADER_NOT_IN_WINDOW":
      "Organisation file {entry}: leader {leader} is not a person of window {window}.",
    "error.ORG.LEADER_ROLE": "Organisation file {entry}: leader {leader} must have role window_leader.",
    "error.ORG.EXTRA_LEADER":
      "Organisation file {entry}: role is window_leader but window {window} is led by {leader}.",
    "org.imported":
      "Organisation imported: windows created {wc}, updated {wu}, unchanged {wn}, deactivated {wd}; people created {pc}, updated {pu}, unchanged {pn}, deactivated {pd}; {inspection} inspection members.",
  },
};
