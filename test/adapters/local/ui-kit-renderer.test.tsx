// The local host's renderer: UI Kit components become Atlaskit ones, and a component it does not know is shown by name.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ForgeDoc } from '../../../src/adapters/local/panel-host/forge-host';
import { renderDoc } from '../../../src/adapters/local/panel-host/ui-kit-renderer';

let counter = 0;
const node = (type: string, props: Record<string, unknown> = {}, children: ForgeDoc[] = []): ForgeDoc => ({ type, key: `k${counter++}`, props, children });
const text = (value: string) => node('String', { text: value });

describe('the UI Kit renderer of the local host', () => {
  it('renders the primitives with their text and props', () => {
    const html = renderToStaticMarkup(
      <>
        {renderDoc(
          node('Root', {}, [
            node('Stack', { space: 'space.100' }, [
              node('Heading', { as: 'h3', size: 'xsmall' }, [text('Link a customer')]),
              node('Text', {}, [text('Nobody is linked')]),
              node('Lozenge', { appearance: 'success' }, [text('Linked')]),
              node('Button', { appearance: 'primary', iconBefore: 'add' }, [text('New contact')]),
              node('Label', { labelFor: 'search' }, [text('Find')]),
              node('Textfield', { id: 'search', value: 'ada', placeholder: 'Name' }),
            ]),
          ]),
        )}
      </>,
    );
    expect(html).toContain('Link a customer</h3>');
    expect(html).toContain('Nobody is linked');
    expect(html).toContain('Linked');
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>.*New contact/);
    expect(html).toMatch(/<label[^>]*for="search"/);
    expect(html).toMatch(/<input[^>]*id="search"[^>]*value="ada"|<input[^>]*value="ada"[^>]*id="search"/);
  });

  it("renders a DynamicTable from the Row and Cell nodes @forge/react's DynamicTable sends, and SectionMessage actions given as elements", () => {
    const cell = (key: string, value: string) => node('Cell', { cellKey: key }, [text(value)]);
    const table = node('DynamicTable', { caption: 'Linked issues' }, [
      node('ContentWrapper', { name: 'head' }, [cell('key', 'Key'), cell('summary', 'Summary')]),
      node('ContentWrapper', { name: 'rows' }, [node('Row', { rowKey: 'SUP-1' }, [cell('key', 'SUP-1'), cell('summary', 'Invoices for March')])]),
    ]);
    // As in the panel's code: <SectionMessageAction> is the UI Kit string type, passed in a prop, never reconciled.
    const action = createElement('SectionMessageAction', { key: 'retry', onClick: () => undefined }, 'Try again');
    const html = renderToStaticMarkup(<>{renderDoc(node('Root', {}, [table, node('SectionMessage', { title: 'Could not load', actions: [action] }, [text('Jira did not answer')])]))}</>);
    expect(html).toContain('Linked issues');
    expect(html).toMatch(/<th[^>]*>.*Key.*<\/th>/);
    expect(html).toMatch(/<td[^>]*>.*SUP-1.*<\/td>/);
    expect(html).toContain('Could not load');
    expect(html).toContain('Jira did not answer');
    expect(html).toContain('Try again');
    expect(html).not.toContain('Unsupported');
  });

  it('shows a component it does not know, by name, instead of dropping it', () => {
    const html = renderToStaticMarkup(<>{renderDoc(node('Root', {}, [node('BarChart', { data: [] }), node('Icon', { glyph: 'no-such-glyph' })]))}</>);
    expect(html).toContain('Unsupported UI Kit component: BarChart');
    expect(html).toContain('Unsupported UI Kit component: Icon &quot;no-such-glyph&quot;');
  });
});
