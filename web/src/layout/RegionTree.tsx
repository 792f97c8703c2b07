// The region navigator: the user's region at the top, children loaded on demand, the selected
// region expanded into view. Selecting a node selects the region for every page.
import { Tree, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { scopePrefix } from '../../../src/modules/regions/regions.rules';
import { regions } from '../api/endpoints';
import type { Region, RegionRef } from '../api/types';
import { useUser } from '../auth/AuthContext';
import { useRegion } from '../region/RegionContext';

type ChildMap = Record<string, Region[]>;

function toNode(region: RegionRef, children: ChildMap): TreeDataNode {
  const loaded = children[region.code];
  return {
    key: region.code,
    title: region.name,
    isLeaf: region.level >= 5,
    children: loaded?.map((c) => toNode(c, children)),
  };
}

export function RegionTree({ onSelected }: { onSelected?: () => void }) {
  const user = useUser();
  const { code, region, select, rootCode } = useRegion();
  const [children, setChildren] = useState<ChildMap>({});
  const [expanded, setExpanded] = useState<string[]>([rootCode]);

  async function loadChildren(parent: string) {
    if (children[parent]) return;
    const items = await regions.children(parent).catch(() => []);
    setChildren((current) => ({ ...current, [parent]: items }));
  }

  // Bring the selected region into view: load and expand every ancestor between the root and it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection's path arrives
  useEffect(() => {
    if (!region) return;
    const chain = [...region.path.map((r) => r.code), region.code].filter(
      (c) => c !== region.code && c.startsWith(scopePrefix(rootCode)),
    );
    const missing = chain.filter((c) => !children[c]);
    Promise.all(missing.map((c) => regions.children(c).then((items) => [c, items] as const)))
      .then((loaded) => {
        if (loaded.length > 0) setChildren((current) => ({ ...current, ...Object.fromEntries(loaded) }));
        setExpanded((current) => [...new Set([...current, ...chain])]);
      })
      .catch(() => {});
  }, [region]);

  const treeData = useMemo(
    () => (user.region ? [toNode(user.region, children)] : []),
    [user.region, children],
  );

  return (
    <Tree
      className="region-tree"
      treeData={treeData}
      selectedKeys={[code]}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      loadData={(node) => loadChildren(String(node.key))}
      onSelect={(keys) => {
        const [key] = keys;
        if (key !== undefined) {
          select(String(key));
          onSelected?.();
        }
      }}
      blockNode
    />
  );
}
