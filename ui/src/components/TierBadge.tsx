import { useTranslation } from "react-i18next";

import type { Tier } from "../api";

export function TierBadge({ tier }: { tier: Tier | null }) {
  const { t } = useTranslation();
  if (!tier) return null;
  return (
    <span className={`tier tier-${tier.toLowerCase()}`} title={t(`tier.${tier}`)}>
      {tier}
    </span>
  );
}
