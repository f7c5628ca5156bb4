import { lazy, Suspense, useEffect, useEffectEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { events, type Customer } from "./api";
import { useToast } from "./components/Toast";
import { AgendaScreen } from "./features/agenda/AgendaScreen";
import { useAgendaCount } from "./features/agenda/useAgendaCount";
import { CustomerForm } from "./features/customers/CustomerForm";
import { CustomersScreen, type ListChoice } from "./features/customers/CustomersScreen";
import { emptyFilter } from "./features/customers/segmentFilter";
import { useCounts } from "./features/customers/useCounts";
import { ImportScreen } from "./features/import/ImportScreen";
import { DataScreen } from "./features/data/DataScreen";
import { SettingsScreen } from "./features/settings/SettingsScreen";
import { TrashScreen } from "./features/trash/TrashScreen";
import { isModalOpen, isModKey, isTypingTarget } from "./lib/keyboard";
import { previewParam } from "./lib/preview";
import { NAV_ORDER, Sidebar, type View } from "./shell/Sidebar";
import { TopBar } from "./shell/TopBar";

type Editing = { customer: Customer | null } | null;

/** The screen a Ctrl+digit shortcut opens, if any. */
const navTarget = (key: string): View | undefined => (/^[1-9]$/.test(key) ? NAV_ORDER[Number(key) - 1] : undefined);

// The dashboard and its chart library load on first visit, not at app start.
const ReportsScreen = lazy(() => import("./features/reports/ReportsScreen").then((m) => ({ default: m.ReportsScreen })));

export function App() {
  const { t } = useTranslation();
  const toast = useToast();
  // The day starts with today's work; the customer list is Ctrl+1 away.
  const [view, setView] = useState<View>(() => (previewParam("view") as View | null) ?? "agenda");
  // Customers checked in the list and sent to the Data screen to export.
  const [exportIds, setExportIds] = useState<string[]>([]);
  const [query, setQuery] = useState("");
  const [openedId, setOpenedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  // The list's segment and filter outlive a visit to another screen.
  const [listChoice, setListChoice] = useState<ListChoice>(() => ({ filter: emptyFilter(), segment: null }));
  const counts = useCounts();
  // A brand-new book opens on the list's empty state (add, import, restore), not on an empty
  // agenda: decided once, when the count first arrives, and never against a screen the user chose.
  const [startDecided, setStartDecided] = useState(() => previewParam("view") !== null);
  if (!startDecided && counts.live !== null) {
    setStartDecided(true);
    if (counts.live === 0 && view === "agenda") setView("customers");
  }
  // Settings opened from "Restore a backup" scrolls to the backups.
  const [settingsFocus, setSettingsFocus] = useState<"backups" | null>(null);
  const emptyBook = {
    onNew: () => setEditing({ customer: null }),
    onImport: () => setView("import"),
    onRestore: () => {
      setSettingsFocus("backups");
      setView("settings");
    },
  };
  const agendaCount = useAgendaCount();
  const searchRef = useRef<HTMLInputElement>(null);

  const focusSearch = () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isModalOpen()) return;
    const key = event.key.toLowerCase();
    if (isModKey(event) && key === "k") {
      event.preventDefault();
      focusSearch();
    } else if (isModKey(event) && key === "n") {
      event.preventDefault();
      setView("customers");
      setEditing({ customer: null });
    } else if (isModKey(event) && !event.altKey && navTarget(event.key)) {
      // Ctrl+1 … Ctrl+7: the sidebar's screens in order.
      event.preventDefault();
      setExportIds([]);
      setView(navTarget(event.key)!);
    } else if (event.key === "/" && !isTypingTarget(event.target) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      focusSearch();
    }
  });

  useEffect(() => {
    document.title = t("app.title");
  }, [t]);

  // A click on a reminder notification or the tray item: show the agenda.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let alive = true;
    events.onOpenAgenda(() => setView("agenda")).then(
      (unlisten) => (alive ? (stop = unlisten) : unlisten()),
      () => {
        // No event bridge (plain browser preview): nothing to listen to.
      },
    );
    return () => {
      alive = false;
      stop?.();
    };
  }, []);

  const openCustomer = (id: string) => {
    setQuery("");
    setOpenedId(id);
    setView("customers");
  };

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const onSaved = (customer: Customer, created: boolean) => {
    setEditing(null);
    setOpenedId(customer.id);
    toast({
      message: (t) => created ? t("toast.created", { name: customer.name }) : t("toast.updated", { name: customer.name }),
      tone: "success",
    });
  };

  return (
    <div className="app">
      <Sidebar
        view={view}
        onNavigate={(next) => {
          setExportIds([]);
          setSettingsFocus(null);
          setView(next);
        }}
        counts={counts}
        agendaCount={agendaCount}
      />
      <div className="main">
        <TopBar
          ref={searchRef}
          query={query}
          onQueryChange={(q) => {
            setQuery(q);
            if (q) setView("customers");
          }}
        />
        <main className="content">
          {view === "customers" && (
            <CustomersScreen
              query={query}
              openedId={openedId}
              onOpenedChange={setOpenedId}
              choice={listChoice}
              onChoiceChange={setListChoice}
              onNew={() => setEditing({ customer: null })}
              onImport={emptyBook.onImport}
              onRestore={emptyBook.onRestore}
              onEdit={(customer) => setEditing({ customer })}
              onExport={(ids) => {
                setExportIds(ids);
                setView("data");
              }}
            />
          )}
          {view === "agenda" && (
            <AgendaScreen onOpenCustomer={openCustomer} emptyBook={counts.live === 0 ? emptyBook : undefined} />
          )}
          {view === "reports" && (
            <Suspense fallback={<p className="muted reports-loading">{t("reports.loading")}</p>}>
              <ReportsScreen onOpenCustomer={openCustomer} />
            </Suspense>
          )}
          {view === "data" && <DataScreen key={exportIds.join(",")} selection={exportIds} />}
          {view === "trash" && <TrashScreen />}
          {view === "settings" && <SettingsScreen focus={settingsFocus} />}
          {view === "import" && (
            <ImportScreen
              onShowImported={(writtenAt) => {
                // The list narrowed to what this import wrote (the core matches the one time its
                // transaction stamped on those customers).
                setListChoice({ filter: { ...emptyFilter(), written_at: writtenAt }, segment: null });
                setView("customers");
              }}
            />
          )}
        </main>
      </div>
      {editing && (
        <CustomerForm
          key={editing.customer?.id ?? "new"}
          customer={editing.customer}
          onClose={() => setEditing(null)}
          onSaved={onSaved}
        />
      )}
    </div>
  );
}
