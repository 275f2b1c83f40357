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
    "error.ORG.NAME_OF_PERSON": "组织架构文件 {entry}：{user} 是窗口人员，姓名请只写在 people 中。",
    "org.imported":
      "组织架构已导入：窗口 新增 {wc}、更新 {wu}、未变 {wn}、停用 {wd}；人员 新增 {pc}、更新 {pu}、未变 {pn}、停用 {pd}；督查科 {inspection} 人。",
    "error.LOCALES.RATE_LIMITED":
      "Slack 限制了读取频率（Retry-After {retryAfterSec} 秒，已第 {times} 次），稍后再读。",
    "error.LOCALES.TOO_MANY_PAGES": "Slack 的用户列表读了 {pages} 页仍未结束，已停止。",
    "org.locales_synced":
      "已从 Slack 读取语言设置（{members} 个成员，{pages} 页）：人员更新 {people} 人，中心职务和上级单位负责人更新 {others} 人。",
    "org.locales_missing": "以下用户不在 Slack 工作区中，请核对组织架构文件：{ids}",
    "org.locales_deactivated": "以下用户的 Slack 账号已停用：{ids}",
    "org.locales_later":
      "未设置 Slack 令牌（SLACK_BOT_TOKEN）：各人的语言设置将由机器人读取（导入后一小时内，之后每天 {hour}:00）。",
    "org.locales_failed":
      "组织架构已导入，但未能从 Slack 读取语言设置（{error}）；机器人会在一小时内重试，之后每天 {hour}:00 读取。",
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
    "error.ORG.NAME_OF_PERSON":
      "Organisation file {entry}: {user} is window staff; their name goes in people only.",
    "org.imported":
      "Organisation imported: windows created {wc}, updated {wu}, unchanged {wn}, deactivated {wd}; people created {pc}, updated {pu}, unchanged {pn}, deactivated {pd}; {inspection} inspection members.",
    "error.LOCALES.RATE_LIMITED":
      "Slack rate-limited reading its user list (Retry-After {retryAfterSec} s, {times} times); it is read again later.",
    "error.LOCALES.TOO_MANY_PAGES": "Slack's user list did not end after {pages} pages; stopped.",
    "org.locales_synced":
      "Languages read from Slack ({members} members, {pages} pages): {people} people and {others} center-role holders or parent-unit leaders updated.",
    "org.locales_missing": "Not found in the Slack workspace (check the organisation file): {ids}",
    "org.locales_deactivated": "Slack account deactivated: {ids}",
    "org.locales_later":
      "No Slack token (SLACK_BOT_TOKEN): the bot reads everyone's language (within the hour after the import, then daily at {hour}:00).",
    "org.locales_failed":
      "The organisation is imported, but languages could not be read from Slack ({error}); the bot tries again within the hour, then daily at {hour}:00.",
  },
};
