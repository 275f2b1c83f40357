// The charts' words (issue #13 part 3): titles, legend, axis, the upload's comment and file name.
// The channel's chart is in Chinese; a person's chart in their Slack language.
import type { AreaMessages, Params } from "../index.ts";

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const enMonth = (m: unknown) => EN_MONTHS[Number(String(m).slice(5, 7)) - 1] ?? String(m);
const zhPeriod = (m: unknown) => `${String(m).slice(0, 4)}年${Number(String(m).slice(5, 7))}月`;
const enPeriod = (m: unknown) => `${enMonth(m)} ${String(m).slice(0, 4)}`;

export const charts: AreaMessages = {
  zh: {
    "charts.period": (p: Params) => zhPeriod(p.month),
    /** A month on the trend's axis ("1月"; the chart puts the year under the first month and January). */
    "charts.month_tick": (p: Params) => `${Number(String(p.month).slice(5, 7))}月`,
    "charts.axis.score": "得分",
    "charts.windows.title": (p: Params) => `${p.center} ${zhPeriod(p.month)} 各窗口考评得分`,
    "charts.windows.current": (p: Params) => `本月（${zhPeriod(p.month)}）`,
    "charts.windows.previous": (p: Params) => `上月（${zhPeriod(p.month)}）`,
    "charts.windows.no_previous": (p: Params) => `${zhPeriod(p.month)}尚未结算，图中只有本月得分。`,
    "charts.windows.comment": (p: Params) => `${zhPeriod(p.month)}各窗口得分图（本月与上月对比）`,
    "charts.windows.file": (p: Params) => `${p.center}${zhPeriod(p.month)}窗口得分图.png`,
    "charts.trend.title": (p: Params) => `${p.name} 近12个月考评分（${zhPeriod(p.from)}—${zhPeriod(p.to)}）`,
    "charts.trend.empty": "尚无已结算月份的得分",
    "charts.trend.comment": (p: Params) => `您近12个月的考评分走势（截至${zhPeriod(p.month)}）`,
    "charts.trend.file": (p: Params) => `考评分走势-${zhPeriod(p.month)}.png`,
  },
  en: {
    "charts.period": (p: Params) => enPeriod(p.month),
    "charts.month_tick": (p: Params) => enMonth(p.month),
    "charts.axis.score": "Score",
    "charts.windows.title": (p: Params) => `${p.center}: window scores, ${enPeriod(p.month)}`,
    "charts.windows.current": (p: Params) => `This month (${enPeriod(p.month)})`,
    "charts.windows.previous": (p: Params) => `Last month (${enPeriod(p.month)})`,
    "charts.windows.no_previous": (p: Params) =>
      `${enPeriod(p.month)} is not closed: the chart shows this month only.`,
    "charts.windows.comment": (p: Params) =>
      `Window scores for ${enPeriod(p.month)} (this month and last month)`,
    "charts.windows.file": (p: Params) => `window-scores-${p.month}.png`,
    "charts.trend.title": (p: Params) => `${p.name}: monthly score, ${enPeriod(p.from)} – ${enPeriod(p.to)}`,
    "charts.trend.empty": "No closed month with a score yet",
    "charts.trend.comment": (p: Params) => `Your score over the last 12 months (to ${enPeriod(p.month)})`,
    "charts.trend.file": (p: Params) => `score-trend-${p.month}.png`,
  },
};
