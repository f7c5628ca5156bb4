// The reports dashboard's navigation icon (inline SVG, decorative: callers give the label).
import { Svg, type IconProps } from "../../components/Icons";

export const ChartIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 20V4M4 20h16" />
    <path d="M8 16v-5M12 16V8M16 16v-3M20 16V6" />
  </Svg>
);
