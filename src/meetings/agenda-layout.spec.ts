import { layoutSection, LayoutItem } from './agenda-layout';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const item = (id: string, fields: Partial<LayoutItem> = {}): LayoutItem => ({
  id,
  riskLevel: 'moderate',
  openedAt: day(1),
  handPosition: null,
  handMovedAt: null,
  ...fields,
});

describe('layoutSection', () => {
  it.each<[string, LayoutItem[], string[]]>([
    [
      'higher risk first',
      [
        item('low', { riskLevel: 'low' }),
        item('danger', { riskLevel: 'immediate_danger' }),
        item('high', { riskLevel: 'high' }),
      ],
      ['danger', 'high', 'low'],
    ],
    [
      'older first among equal risks',
      [item('new', { openedAt: day(9) }), item('old', { openedAt: day(2) }), item('mid', { openedAt: day(5) })],
      ['old', 'mid', 'new'],
    ],
    [
      'a note without a case after every risk',
      [item('note', { riskLevel: null }), item('low', { riskLevel: 'low' })],
      ['low', 'note'],
    ],
    [
      'a placed item keeps its place; the rest fill around it by risk',
      [
        item('low', { riskLevel: 'low', handPosition: 1, handMovedAt: day(3) }),
        item('danger', { riskLevel: 'immediate_danger' }),
        item('high', { riskLevel: 'high' }),
      ],
      ['low', 'danger', 'high'],
    ],
    [
      'the latest move wins a contested place',
      [
        item('a', { handPosition: 1, handMovedAt: day(3) }),
        item('b', { handPosition: 1, handMovedAt: day(4) }),
        item('c'),
      ],
      ['b', 'a', 'c'],
    ],
    [
      'a place beyond the end becomes the last',
      [item('a', { handPosition: 9, handMovedAt: day(3) }), item('b'), item('c', { openedAt: day(2) })],
      ['b', 'c', 'a'],
    ],
    ['an empty section', [], []],
  ])('%s', (_name, items, expected) => {
    expect(layoutSection(items)).toEqual(expected);
  });
});
