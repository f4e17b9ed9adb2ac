// The tabs across the page, one per section the user may see; the route picks the tab, and each section keeps its
// state while another is shown.
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useEffect } from 'react';
import { useRouter } from '../router';
import type { Section } from '../sections';

export function SectionTabs({ sections }: { sections: readonly Section[] }) {
  const { route, navigate } = useRouter();
  const index = sections.findIndex((section) => section.id === route.section);
  // A route to a section this user may not see (a viewer opening /settings) shows the first one instead.
  useEffect(() => {
    if (index < 0 && sections[0]) navigate({ section: sections[0].id }, { replace: true });
  }, [index, sections, navigate]);
  return (
    <Tabs
      id="directory-sections"
      selected={Math.max(index, 0)}
      onChange={(next) => {
        const section = sections[next];
        if (section) navigate({ section: section.id });
      }}
      shouldUnmountTabPanelOnChange={false}
    >
      <TabList>
        {sections.map((section) => (
          <Tab key={section.id}>{section.label}</Tab>
        ))}
      </TabList>
      {sections.map((section) => (
        <TabPanel key={section.id}>
          <div className="section-panel">{section.render()}</div>
        </TabPanel>
      ))}
    </Tabs>
  );
}
