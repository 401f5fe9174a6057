import type { DepartmentNode } from '@hrlink/shared';
import { toTree } from './tree';

const node = (id: string, parentId: string | null, order: number): DepartmentNode => ({
  id,
  name: id,
  parentId,
  order,
  headEmployeeId: null,
  memberCount: 1,
  children: [],
});

describe('toTree', () => {
  it('returns a tree unchanged', () => {
    const root = { ...node('root', null, 0), children: [node('a', 'root', 0)] };
    expect(toTree([root])).toEqual([root]);
  });
  it('nests a flat list by parentId, ordered by order', () => {
    const tree = toTree([node('b', 'root', 2), node('root', null, 0), node('a', 'root', 1), node('a1', 'a', 0)]);
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c) => c.id)).toEqual(['a', 'b']);
    expect(tree[0].children[0].children.map((c) => c.id)).toEqual(['a1']);
  });
});
