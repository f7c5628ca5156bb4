import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { customers, search, type CustomerSummary } from "../../api";
import { CloseIcon, OrgIcon } from "../../components/Icons";
import { useDebounced } from "../../lib/useDebounced";

export type CompanyRef = { id: string; name: string };

type CompanyPickerProps = {
  value: CompanyRef | null;
  onChange: (value: CompanyRef | null) => void;
  invalid?: boolean;
  describedBy?: string;
};

const LIMIT = 50;

/** Pick the organization a person belongs to: type to search, or browse the first ones. */
export function CompanyPicker({ value, onChange, invalid, describedBy }: CompanyPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 120);
  const [result, setResult] = useState<{ query: string; items: CustomerSummary[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const request = query
      ? search.query(query, LIMIT).then((hits) => hits.filter((h) => h.kind === "organization"))
      : customers.list("organizations", 0, LIMIT).then((page) => page.items);
    request.then(
      (items) => current && setResult({ query, items }),
      () => current && setResult({ query, items: [] }),
    );
    return () => {
      current = false;
    };
  }, [open, query]);

  const options = result?.items ?? [];

  function choose(option: CustomerSummary) {
    onChange({ id: option.id, name: option.name });
    setText("");
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter" && open) {
      const option = options[active];
      if (option) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === "Escape" && open) {
      // Close the list, not the dialog.
      event.stopPropagation();
      event.preventDefault();
      setOpen(false);
    }
  }

  if (value) {
    return (
      <div className="company-chosen" data-testid="field-company-value">
        <OrgIcon size={14} />
        <span className="company-name">{value.name}</span>
        <button
          type="button"
          className="icon-button"
          aria-label={t("form.companyClear")}
          title={t("form.companyClear")}
          onClick={() => onChange(null)}
        >
          <CloseIcon size={13} />
        </button>
      </div>
    );
  }

  return (
    <div className="combobox">
      <input
        id="field-company_id"
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        value={text}
        placeholder={t("form.companyPlaceholder")}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="field-company"
      />
      {open && result && (
        <ul className="combobox-list" id={listId} role="listbox">
          {options.length === 0 ? (
            <li className="combobox-empty">{t("form.companyNoMatch")}</li>
          ) : (
            options.map((option, index) => (
              <li
                key={option.id}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? "combobox-option active" : "combobox-option"}
                // mousedown, not click: the input's blur would close the list first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(option);
                }}
                data-testid="company-option"
              >
                <OrgIcon size={14} />
                {option.name}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
