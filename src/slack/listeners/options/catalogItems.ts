// Options for the filing modal's item select (block_suggestion): catalog items matching what the
// filer types, in Chinese and English, of the command's kind (deduction or bonus), for the target
// already chosen (person or window), never automatic ones; Slack shows at most 100 a list.
import type { AllMiddlewareArgs, BlockSuggestion, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { searchCatalog } from "../../../domain/catalog.ts";
import type { ServiceContext } from "../../../services/context.ts";
import { catalogOption, decodeMetadata, pagedOptions, RECORD_MODAL } from "../../blocks/records.ts";
import { t } from "../../i18n/index.ts";

type Args = SlackOptionsMiddlewareArgs<"block_suggestion"> & AllMiddlewareArgs;
type State = Record<
  string,
  Record<string, { selected_user?: string | null; selected_option?: { value: string } | null }>
>;

export function catalogItems(_ctx: ServiceContext) {
  return async ({ ack, body }: Args): Promise<void> => {
    const b = body as BlockSuggestion & { view?: { private_metadata?: string; state?: { values?: State } } };
    const meta = decodeMetadata(b.view?.private_metadata);
    const values = b.view?.state?.values ?? {};
    const person = values[RECORD_MODAL.person.block]?.[RECORD_MODAL.person.action]?.selected_user;
    const window = values[RECORD_MODAL.window.block]?.[RECORD_MODAL.window.action]?.selected_option?.value;
    const target = person && !window ? "person" : window && !person ? "window" : undefined;
    const items = searchCatalog(typeof b.value === "string" ? b.value : "", target).filter(
      (i) => i.sign === meta.sign,
    );
    // Over 100 matches (the catalog has under 80 items) would come in groups of 100, never cut; the
    // group label is in both languages, as the filer's language is not looked up for every keystroke.
    await ack(
      pagedOptions(items.map(catalogOption), (from, to) =>
        [
          t("zh", "records.modal.item_group", { from, to }),
          t("en", "records.modal.item_group", { from, to }),
        ].join(" / "),
      ),
    );
  };
}
