// AB岗 at the edge (RULES.md §8): the App Home's uncovered absences, the W-AB proposal messages to
// inspection (queued through the outbox inside the proposal's transaction, src/services/notify.ts).
import { addDays, shanghaiDate } from "../domain/dates.ts";
import { enqueue } from "../jobs/outbox.ts";
import { type AbProposal, abProposalOf, uncoveredAbsences, uncoveredScopeOf } from "../services/abCover.ts";
import type { ServiceContext } from "../services/context.ts";
import { storedLocale } from "../services/locales.ts";
import type { Notify } from "../services/notify.ts";
import { inspectionMembers } from "../services/org.ts";
import type { ProposalDecision } from "../services/proposals.ts";
import { abHomeBlocks, abProposalDecidedMessage, abProposalMessage } from "./blocks/ab.ts";
import type { KnownBlock } from "./blocks/requests.ts";
import { type Lang, langOf } from "./i18n/index.ts";

/** The coming week: today and the six days after (the App Home's look-ahead). */
export const AB_HOME_DAYS = 7;

/**
 * The App Home's uncovered absences of the coming week for `userId`: a window leader sees their
 * window's, inspection and the director and deputy director everyone's; others nothing (undefined).
 */
export async function abHomeSection(
  ctx: ServiceContext,
  lang: Lang,
  userId: string,
): Promise<KnownBlock[] | undefined> {
  const scope = await uncoveredScopeOf(ctx.db, userId);
  if (!scope) return undefined;
  const today = shanghaiDate(ctx.clock.now());
  const to = addDays(today, AB_HOME_DAYS - 1);
  const blocks = abHomeBlocks(lang, await uncoveredAbsences(ctx.db, today, to, scope), to);
  return blocks.length > 0 ? blocks : undefined;
}

/** Ref of one inspection member's copy of a W-AB proposal (updated in place once decided). */
export const abProposalRef = (recordId: number, to: string) => `ab:record:${recordId}:${to}`;

/** Tells every inspection member of a W-AB proposal, with Confirm / Dismiss (any of them may act, §1). */
export const abProposalNotices: Notify<AbProposal> = async (tx, p) => {
  for (const to of await inspectionMembers(tx)) {
    const msg = abProposalMessage(langOf(await storedLocale(tx, to)), p);
    await enqueue(tx, {
      key: `ab:propose:${p.record.id}:${to}`,
      channel: to,
      ref: abProposalRef(p.record.id, to),
      ...msg,
    });
  }
};

/**
 * Once inspection confirmed or dismissed a W-AB proposal, every member's copy shows who did, buttons
 * gone (the other members need not act on it any more).
 */
export const abDecisionNotices: Notify<ProposalDecision> = async (tx, d) => {
  const p = await abProposalOf(tx, d.record);
  if (!p) return;
  const by = d.confirmed ? d.record.filedBy : (d.record.revokedBy ?? "");
  for (const to of await inspectionMembers(tx)) {
    const msg = abProposalDecidedMessage(langOf(await storedLocale(tx, to)), p, {
      by,
      confirmed: d.confirmed,
    });
    await enqueue(tx, {
      key: `ab:decided:${d.record.id}:${to}`,
      channel: to,
      update: true,
      ref: abProposalRef(d.record.id, to),
      ...msg,
    });
  }
};
