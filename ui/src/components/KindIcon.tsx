import { useTranslation } from "react-i18next";

import type { CustomerKind } from "../api";
import { OrgIcon, PersonIcon } from "./Icons";

export function KindIcon({ kind, size = 15 }: { kind: CustomerKind; size?: number }) {
  const { t } = useTranslation();
  return (
    <span className={`kind-icon kind-${kind}`} role="img" aria-label={t(`kind.${kind}`)} title={t(`kind.${kind}`)}>
      {kind === "organization" ? <OrgIcon size={size} /> : <PersonIcon size={size} />}
    </span>
  );
}
