/** The pane: Vietnamese first with an English switch; Excel views, or files in a plain browser. */
import {
  FluentProvider,
  makeStyles,
  Switch,
  Tab,
  TabList,
  Text,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Lang } from "../../shared";
import type { ExcelHost } from "../excel/host";
import { CheckView } from "./components/CheckView";
import { FilesView } from "./components/FilesView";
import { MergeView } from "./components/MergeView";
import { LangContext, STRINGS } from "./i18n";

const useStyles = makeStyles({
  root: { padding: "12px", fontFamily: tokens.fontFamilyBase },
  head: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px" },
});

export type View = "check" | "merge";

export interface AppProps {
  /** Excel, or null outside Office (browser mode). */
  host: ExcelHost | null;
  view?: View;
  lang?: Lang;
}

export function App({ host, view = "check", lang: initial = "vi" }: AppProps) {
  const s = useStyles();
  const [lang, setLang] = useState<Lang>(initial);
  const [tab, setTab] = useState<View>(view);
  const t = STRINGS[lang];
  if (host) host.lang = lang;
  useEffect(() => host?.onView(setTab), [host]);
  return (
    <FluentProvider theme={webLightTheme} lang={t.locale}>
      <LangContext.Provider value={lang}>
        <main className={s.root}>
          <div className={s.head}>
            <Text as="h1" size={500} weight="semibold">
              {t.title}
            </Text>
            <Switch label={t.english} checked={lang === "en"} onChange={(_, d) => setLang(d.checked ? "en" : "vi")} />
          </div>
          {host ? (
            <>
              <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as View)}>
                <Tab value="check">{t.tabCheck}</Tab>
                <Tab value="merge">{t.tabMerge}</Tab>
              </TabList>
              {tab === "check" ? <CheckView host={host} /> : <MergeView host={host} />}
            </>
          ) : (
            <FilesView />
          )}
        </main>
      </LangContext.Provider>
    </FluentProvider>
  );
}
