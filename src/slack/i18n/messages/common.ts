// Messages shared by every area: buttons, generic failures, help.
import type { AreaMessages } from "../index.ts";

export const common: AreaMessages = {
  zh: {
    "common.loading": "正在加载…",
    "common.submit": "提交",
    "common.cancel": "取消",
    "common.close": "关闭",
    "common.confirm": "确认",
    "common.not_possible": "无法办理",
    "common.help":
      "我是政务服务中心助手。可用命令：\n• `/qingjia` 请假  • `/trip` 因公外出\n• `/deduct` 扣分、`/bonus` 加分（督查科）",
    "error.internal": "出错了，操作没有完成。请稍后再试；如仍失败，请联系督查科。",
    "error.unexpected_code": "操作没有完成（代码 {code}）。",
    "error.slack_failed": "Slack 接口调用失败（{error}）。",
    "error.bad_metadata": "这个表单带的数据无效（可能已过期或被改动），没有保存任何内容。请关闭后重新打开。",
  },
  en: {
    "common.loading": "Loading…",
    "common.submit": "Submit",
    "common.cancel": "Cancel",
    "common.close": "Close",
    "common.confirm": "Confirm",
    "common.not_possible": "Not possible",
    "common.help":
      "I am the service center's assistant. Commands:\n• `/timeoff` (or `/qingjia`) leave  • `/trip` official trip\n• `/deduct` deduction, `/bonus` bonus (inspection)",
    "error.internal":
      "Something went wrong and nothing was done. Please try again later; if it keeps failing, contact inspection.",
    "error.unexpected_code": "That could not be done (code {code}).",
    "error.slack_failed": "A Slack API call failed ({error}).",
    "error.bad_metadata":
      "This form's data is not valid (it may be out of date or altered); nothing was saved. Close it and open it again.",
  },
};
