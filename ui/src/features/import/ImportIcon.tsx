import { Svg, type IconProps } from "../../components/Icons";

/** A tray with an arrow coming in: the import screen's nav icon. */
export const ImportIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 3v12" />
    <path d="M7 10l5 5 5-5" />
    <path d="M4 17v3h16v-3" />
  </Svg>
);
