// `meeting schedule|list|attendance|confirm|dismiss`: the window leaders' meeting (例会制度, RULES.md §8)
// from the command line, through the same service as /meeting and the App Home. What it changes queues
// the same Slack messages (the invitations, the attendance to the channel, inspection's review), which
// the running bot's outbox sender delivers.
//   meeting schedule --date <YYYY-MM-DD> --time <HH:mm> --place <text> --topic <text> --actor <Slack id>
//   meeting list [--from <YYYY-MM-DD>]
//   meeting attendance <meeting id> --actor <inspection member> [--present <id,id…>] [--minutes <file id>]
//   meeting confirm|dismiss <record id> --actor <inspection member>
//   meeting minutes <meeting id> --file <Slack file id> --actor <inspection member or the director>
import { shanghaiDate } from "../../domain/dates.ts";
import { formatHundredths } from "../../domain/points.ts";
import {
  attachMinutes,
  decideMeetingProposal,
  inviteCounts,
  listMeetings,
  scheduleMeeting,
  takeAttendance,
} from "../../services/meetings.ts";
import { attendanceNotices, proposalNotices, scheduledNotices } from "../../slack/meetingFlow.ts";
import type { CliCommand } from "../main.ts";
import { failure, openContext, parseFlags, say, usage } from "../serviceContext.ts";

const USAGE =
  "meeting schedule --date <YYYY-MM-DD> --time <HH:mm> --place <text> --topic <text> --actor <Slack id>\n" +
  "       meeting list [--from <YYYY-MM-DD>]\n" +
  "       meeting attendance <meeting id> --actor <inspection member> [--present <id,id…>] [--minutes <file id>]\n" +
  "       meeting confirm|dismiss <record id> --actor <inspection member>\n" +
  "       meeting minutes <meeting id> --file <Slack file id> --actor <inspection member or the director>";

const VALUED = ["date", "time", "place", "topic", "actor", "from", "present", "minutes", "file"];
const SUBCOMMANDS = ["schedule", "list", "attendance", "confirm", "dismiss", "minutes"];

export const command: CliCommand = {
  summary: "window leaders' meetings: schedule, list, take attendance, confirm proposals",
  async run(args) {
    const p = parseFlags(args, VALUED);
    if (!p.ok) return usage(USAGE, p.message);
    const { positional, values, lang } = p.flags;
    const [sub, idText] = positional;
    const id = Number(idText);
    const actor = values.get("actor");
    const needsId = sub !== undefined && sub !== "schedule" && sub !== "list";
    if (
      !sub ||
      !SUBCOMMANDS.includes(sub) ||
      positional.length !== (needsId ? 2 : 1) ||
      (needsId && !Number.isSafeInteger(id)) ||
      (sub !== "list" && !actor)
    )
      return usage(USAGE);
    const { ctx, close } = await openContext();
    const refuse = (e: { code: string; detail?: Record<string, unknown> }) => {
      process.stderr.write(`${failure(lang, e)}\n`);
      return 1;
    };
    try {
      if (sub === "schedule") {
        const r = await scheduleMeeting(
          ctx,
          {
            actorId: actor!,
            date: values.get("date") ?? "",
            time: values.get("time") ?? "",
            place: values.get("place") ?? "",
            topic: values.get("topic") ?? "",
          },
          scheduledNotices(ctx),
        );
        if (!r.ok) return refuse(r);
        const m = r.value.meeting;
        process.stdout.write(
          say(
            lang,
            `已安排例会 #${m.id}（${m.date} ${m.time}），通知 ${r.value.invites.length} 位窗口负责人。\n`,
            `Meeting #${m.id} scheduled (${m.date} ${m.time}); ${r.value.invites.length} window leaders invited.\n`,
          ),
        );
        return 0;
      }
      if (sub === "list") {
        const from = values.get("from") ?? shanghaiDate(ctx.clock.now());
        for (const m of await listMeetings(ctx.db, { from })) {
          const c = await inviteCounts(ctx.db, m.id);
          process.stdout.write(
            `#${m.id} ${m.date} ${m.time} ${m.place} · ${m.topic.replace(/\s+/g, " ")} · ${m.state} · ` +
              say(
                lang,
                `参加 ${c.attend ?? 0}，请假 ${c.leave ?? 0}，未回复 ${c.pending ?? 0}\n`,
                `attend ${c.attend ?? 0}, leave ${c.leave ?? 0}, no answer ${c.pending ?? 0}\n`,
              ),
          );
        }
        return 0;
      }
      if (sub === "attendance") {
        const present = (values.get("present") ?? "")
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const minutes = values.get("minutes");
        const r = await takeAttendance(
          ctx,
          { meetingId: id, actorId: actor!, present, minutes: minutes ? { fileId: minutes } : null },
          attendanceNotices(ctx),
        );
        if (!r.ok) return refuse(r);
        process.stdout.write(
          say(lang, `例会 #${id} 考勤完毕。\n`, `Attendance of meeting #${id} taken.\n`) +
            r.value.proposals
              .map(
                (x) =>
                  `  #${x.id} ${x.code} ${x.personId} −${formatHundredths(x.totalHundredths)} (proposed)\n`,
              )
              .join(""),
        );
        return 0;
      }
      if (sub === "minutes") {
        const r = await attachMinutes(ctx, {
          meetingId: id,
          actorId: actor!,
          file: { fileId: values.get("file") ?? "" },
        });
        if (!r.ok) return refuse(r);
        process.stdout.write(
          say(lang, `已附上会议记录 ${r.value.fileId}。\n`, `Minutes ${r.value.fileId} attached.\n`),
        );
        return 0;
      }
      const r = await decideMeetingProposal(
        ctx,
        { recordId: id, actorId: actor!, confirm: sub === "confirm" },
        proposalNotices(ctx),
      );
      if (!r.ok) return refuse(r);
      process.stdout.write(`#${id} ${r.value.record.state}\n`);
      return 0;
    } finally {
      await close();
    }
  },
};
