// The Data screen's sidebar icon: a database cylinder (decorative; the nav item has the label).
import { Svg, type IconProps } from "../../components/Icons";

export const DataIcon = (p: IconProps) => (
  <Svg {...p}>
    <ellipse cx="12" cy="5.5" rx="7" ry="2.5" />
    <path d="M5 5.5v6c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-6M5 11.5v6c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-6" />
  </Svg>
);
