// Icons for the kinds of reminder (inline SVG, decorative: callers give the label).
import type { OccurrenceKind } from "../../api";
import { FlagIcon, Svg, type IconProps } from "../../components/Icons";

export { FlagIcon };

export const CakeIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 21h16M5 21v-7a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v7" />
    <path d="M5 16c1.5 1 2.5 1 4 0s2.5-1 4 0 2.5 1 4 0 1.5-.7 2-1M12 12V8M12 5.5c.8-.8.8-1.7 0-2.5-.8.8-.8 1.7 0 2.5z" />
  </Svg>
);

export const MoonIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z" />
  </Svg>
);

export const HeartIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
  </Svg>
);

export const LanternIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 2v2M9 4h6M7 8c0-2 2.2-4 5-4s5 2 5 4v6c0 2-2.2 4-5 4s-5-2-5-4z" />
    <path d="M12 4v14M9 18l-1 3h8l-1-3" />
  </Svg>
);

export const BriefcaseIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="7" width="18" height="13" rx="2" />
    <path d="M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2M3 13h18" />
  </Svg>
);

export const RevisitIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 12a8 8 0 0 1 14-5.3L20 9M20 4v5h-5M20 12a8 8 0 0 1-14 5.3L4 15M4 20v-5h5" />
  </Svg>
);

export const FollowUpIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 12h12M13 6l6 6-6 6" />
  </Svg>
);

export const BellIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 21h4" />
  </Svg>
);

export const CalendarIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="3" y="5" width="18" height="16" rx="2" />
    <path d="M3 10h18M8 3v4M16 3v4" />
  </Svg>
);

export const CheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Svg>
);

export const ClockIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Svg>
);

export const XIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Svg>
);

export const UndoIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10a6 6 0 0 1 0 12h-3" />
  </Svg>
);

export const CopyIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="8" y="8" width="12" height="12" rx="2" />
    <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
  </Svg>
);

export const ChevronIcon = ({ direction = "right", ...p }: IconProps & { direction?: "left" | "right" | "down" }) => (
  <Svg {...p}>
    <path d={direction === "left" ? "M15 5l-7 7 7 7" : direction === "down" ? "M6 9l6 6 6-6" : "M9 5l7 7-7 7"} />
  </Svg>
);

export const RadarIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <circle cx="12" cy="12" r="4.5" />
    <path d="M12 12l6-6" />
  </Svg>
);

export function OccurrenceIcon({ kind, size = 15 }: { kind: OccurrenceKind; size?: number }) {
  switch (kind) {
    case "birthday":
      return <CakeIcon size={size} />;
    case "lunar_birthday":
    case "lunar_anniversary":
      return <MoonIcon size={size} />;
    case "anniversary":
      return <HeartIcon size={size} />;
    case "festival":
      return <LanternIcon size={size} />;
    case "statutory_holiday":
    case "public_holiday":
      return <FlagIcon size={size} />;
    case "make_up_workday":
      return <BriefcaseIcon size={size} />;
    case "revisit":
      return <RevisitIcon size={size} />;
    case "follow_up":
      return <FollowUpIcon size={size} />;
    default:
      return <BellIcon size={size} />;
  }
}
