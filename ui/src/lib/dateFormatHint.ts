// The shape of a date or time in the UI's language ("mm/dd/yyyy", "年/月/日"), from Intl:
// what an empty date box shows instead of a grey sample date that looks filled in.

export type DateKind = "date" | "datetime-local" | "time";

/** Names of the parts in this language: year, month, day, hour, minute. */
export type PartNames = { year: string; month: string; day: string; hour: string; minute: string };

const SAMPLE = new Date(2000, 10, 22, 13, 45);

/** Intl's order and separators for `kind` in `locale`, each number replaced by its name. */
export function dateFormatHint(locale: string, kind: DateKind, names: PartNames): string {
  const options: Intl.DateTimeFormatOptions =
    kind === "time"
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : kind === "date"
        ? { year: "numeric", month: "2-digit", day: "2-digit" }
        : { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  return new Intl.DateTimeFormat(locale, options)
    .formatToParts(SAMPLE)
    .map((p) => {
      switch (p.type) {
        case "year":
          return names.year;
        case "month":
          return names.month;
        case "day":
          return names.day;
        case "hour":
          return names.hour;
        case "minute":
          return names.minute;
        case "literal":
          // "2000/11/22 13:45" and "11/22/2000, 13:45": keep the separators, drop stray commas.
          return p.value.replace(/,\s*/, " ");
        default:
          return p.value;
      }
    })
    .join("");
}
