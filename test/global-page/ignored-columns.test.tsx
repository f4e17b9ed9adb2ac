// The list of columns an import leaves out, as the mapping step, the preview and the report render it.
import { act, create, type ReactTestInstance, type ReactTestRenderer } from 'react-test-renderer';
import { IgnoredColumnList, IgnoredColumnsBlock, IgnoredColumnsNotice, ignoredColumnsTitle } from '../../static/global-page/src/components/import/IgnoredColumns';

const textOf = (node: ReactTestInstance | string): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));

function render(element: React.ReactElement): ReactTestRenderer {
  let renderer: ReactTestRenderer | undefined;
  act(() => {
    renderer = create(element);
  });
  return renderer!;
}

const LEFT_OUT = [
  { column: 'C', name: 'Lead Owner' },
  { column: 'D', name: 'Favourite Colour' },
  { column: 'F', name: '' },
];

describe('the columns an import leaves out', () => {
  it('lists each column by its letter and header, in a list named for screen readers', () => {
    const list = render(<IgnoredColumnList columns={LEFT_OUT} />).root.findByType('ul');
    expect(list.props['aria-label']).toBe('Columns not imported');
    expect(list.findAllByType('li').map(textOf)).toEqual(['C · Lead Owner', 'D · Favourite Colour', 'F · (no header)']);
  });

  it('says in words which columns matched no field, not by colour alone', () => {
    const items = render(<IgnoredColumnList columns={LEFT_OUT} unrecognised={new Set(['D'])} />).root.findAllByType('li').map(textOf);
    expect(items).toEqual(['C · Lead Owner', 'D · Favourite Colour (not recognised)', 'F · (no header)']);
  });

  it('counts the columns in the heading, in the tense of the import', () => {
    expect(ignoredColumnsTitle(3, 'will')).toBe('3 columns will not be imported');
    expect(ignoredColumnsTitle(1, 'will')).toBe('1 column will not be imported');
    expect(ignoredColumnsTitle(2, 'would')).toBe('2 columns would not be imported');
    expect(ignoredColumnsTitle(1, 'were')).toBe('1 column was not imported');
    expect(ignoredColumnsTitle(2, 'were')).toBe('2 columns were not imported');
  });

  it("gives the report a heading and the list, and nothing when every column was imported", () => {
    const block = render(<IgnoredColumnsBlock columns={LEFT_OUT.slice(0, 1)} when="were" />).root;
    expect(textOf(block.findByType('h4'))).toBe('1 column was not imported');
    expect(block.findAllByType('li').map(textOf)).toEqual(['C · Lead Owner']);
    expect(render(<IgnoredColumnsBlock columns={[]} when="would" />).toJSON()).toBeNull();
  });

  it('gives each wizard step the same notice: heading, list and what to do, and nothing when every column is imported', () => {
    const notice = render(
      <IgnoredColumnsNotice columns={LEFT_OUT.slice(0, 2)} unrecognised={new Set(['D'])}>
        <p>Pick a field for it.</p>
      </IgnoredColumnsNotice>,
    ).root;
    expect(textOf(notice)).toContain('2 columns will not be imported');
    expect(notice.findAllByType('li').map(textOf)).toEqual(['C · Lead Owner', 'D · Favourite Colour (not recognised)']);
    expect(textOf(notice.findByType('p'))).toBe('Pick a field for it.');
    expect(render(<IgnoredColumnsNotice columns={[]}>{'x'}</IgnoredColumnsNotice>).toJSON()).toBeNull();
  });
});
