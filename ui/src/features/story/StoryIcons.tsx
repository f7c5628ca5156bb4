// Icons for the kinds of things on a customer's timeline.
import type { InteractionKind } from "../../api";
import { FlagIcon, MailIcon, PhoneIcon, PinIcon, Svg, type IconProps } from "../../components/Icons";

export { FlagIcon };

export const ChatIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 5h16v11H9l-5 4z" />
  </Svg>
);

export const MeetingIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="8" cy="8" r="3" />
    <circle cx="16" cy="8" r="3" />
    <path d="M2.5 19c.5-3 2.8-5 5.5-5s5 2 5.5 5M11 19c.5-3 2.3-5 5-5s5 2 5.5 5" />
  </Svg>
);

export const GiftIcon = (p: IconProps) => (
  <Svg {...p}>
    <rect x="4" y="9" width="16" height="11" rx="1" />
    <path d="M3 9h18M12 9v11M12 9c-1-3-5-4-5-1.5S12 9 12 9zM12 9c1-3 5-4 5-1.5S12 9 12 9z" />
  </Svg>
);

export const DotIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="3" />
  </Svg>
);

export const BagIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 8h14l-1 12H6z" />
    <path d="M9 8V6a3 3 0 0 1 6 0v2" />
  </Svg>
);

export const PencilLineIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 20h4L18 10l-4-4L4 16z" />
  </Svg>
);

export const LogIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 5v14M5 12h14" />
    <circle cx="12" cy="12" r="10" strokeWidth={1.4} />
  </Svg>
);

export const StarIcon = ({ filled, ...p }: IconProps & { filled?: boolean }) => (
  <Svg {...p} fill={filled ? "currentColor" : "none"}>
    <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" />
  </Svg>
);

export function InteractionKindIcon({ kind, size = 14 }: { kind: InteractionKind; size?: number }) {
  switch (kind) {
    case "visit":
      return <PinIcon size={size} />;
    case "call":
      return <PhoneIcon size={size} />;
    case "email":
      return <MailIcon size={size} />;
    case "message":
    case "wechat":
    case "sms":
      return <ChatIcon size={size} />;
    case "meeting":
      return <MeetingIcon size={size} />;
    case "gift":
      return <GiftIcon size={size} />;
    default:
      return <DotIcon size={size} />;
  }
}
