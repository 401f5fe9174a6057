import type { DepartmentNode } from '@hrlink/shared';

/** Accept either a tree (roots with children) or a flat list with parentId. */
export function toTree(nodes: DepartmentNode[]): DepartmentNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const isFlat = nodes.some((n) => n.parentId && ids.has(n.parentId));
  if (!isFlat) return nodes;
  const byId = new Map(nodes.map((n) => [n.id, { ...n, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.order - b.order);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
