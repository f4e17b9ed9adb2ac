// The tabs across the page, one per section the user may see; each section keeps its state while another is shown.
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { useState } from 'react';
import type { Section } from '../sections';

export function SectionTabs({ sections }: { sections: readonly Section[] }) {
  const [selected, setSelected] = useState(0);
  return (
    <Tabs id="directory-sections" selected={selected} onChange={setSelected} shouldUnmountTabPanelOnChange={false}>
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
