// Choosing the village of a new household: a tree of the user's region loaded on demand, where only
// villages can be chosen.
import { TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { regions } from '../api/endpoints';
import type { RegionRef } from '../api/types';
import { useLang } from '../i18n/lang';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const toNode = (r: RegionRef, parent: string | null): Node => ({
  id: r.code,
  pId: parent,
  value: r.code,
  title: r.name,
  isLeaf: r.level >= 5,
  selectable: r.level >= 5,
});

interface Props {
  root: RegionRef;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}

export function VillagePicker({ root, value, onChange, id }: Props) {
  const { t } = useLang();
  const [nodes, setNodes] = useState<Node[]>([toNode(root, null)]);

  useEffect(() => {
    setNodes([toNode(root, null)]);
  }, [root]);

  async function load(parent: string) {
    const items = await regions.children(parent).catch(() => []);
    setNodes((current) => [
      ...current.filter((n) => !items.some((i) => i.code === n.id)),
      ...items.map((i) => toNode(i, parent)),
    ]);
  }

  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={onChange}
      treeDataSimpleMode
      treeData={nodes}
      loadData={(node) => load(String(node.value))}
      placeholder={t('请选择到村', 'Choose a village')}
      showSearch={false}
      style={{ width: '100%' }}
      data-testid="village-picker"
    />
  );
}
