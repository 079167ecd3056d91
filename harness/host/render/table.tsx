// DynamicTable. @forge/react turns `head` and `rows` into children so the reconciler can render cell content:
//   DynamicTable → ContentWrapper{name:'head'} → Cell{cellKey, isSortable, width, …} → content
//                → ContentWrapper{name:'rows'} → Row{rowKey, isHighlighted} → Cell{cellKey, colSpan} → content
// Here they become Atlaskit's head/rows again. The stateful table sorts by each row cell's `key`, as in UI Kit.
import React from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadCellType, RowType } from '@atlaskit/dynamic-table/types';
import { call, defined, renderChildren, renderProp } from './core';
import type { ForgeDoc, NodeComponent } from './types';

const wrapper = (node: ForgeDoc, name: string) => node.children.find((child) => child.type === 'ContentWrapper' && child.props.name === name);
const cellsOf = (node: ForgeDoc | undefined) => (node?.children ?? []).filter((child) => child.type === 'Cell');

function DynamicTableNode({ node }: { node: ForgeDoc }) {
  const p = node.props;
  const headNode = wrapper(node, 'head');
  const head = headNode
    ? {
        cells: cellsOf(headNode).map(
          (cell): HeadCellType => ({
            ...defined({
              key: cell.props.cellKey,
              isSortable: cell.props.isSortable,
              width: cell.props.width,
              shouldTruncate: cell.props.shouldTruncate,
              colSpan: cell.props.colSpan,
              testId: cell.props.testId,
            }),
            content: renderChildren(cell),
          }),
        ),
      }
    : undefined;
  const rows = (wrapper(node, 'rows')?.children ?? [])
    .filter((row) => row.type === 'Row')
    .map(
      (row, index): RowType => ({
        key: String(row.props.rowKey ?? index),
        ...defined({ isHighlighted: row.props.isHighlighted, testId: row.props.testId }),
        cells: cellsOf(row).map((cell) => ({
          ...defined({ key: cell.props.cellKey, colSpan: cell.props.colSpan, testId: cell.props.testId }),
          content: renderChildren(cell),
        })),
      }),
    );
  const emptyView = p.emptyView ? <>{renderProp(p.emptyView, `${node.key}.empty`)}</> : undefined;
  return (
    <DynamicTable
      head={head}
      rows={rows}
      {...defined({
        caption: p.caption,
        label: p.label,
        emptyView,
        isLoading: p.isLoading,
        loadingSpinnerSize: p.loadingSpinnerSize,
        isFixedSize: p.isFixedSize,
        rowsPerPage: p.rowsPerPage,
        page: p.page,
        defaultPage: p.defaultPage,
        sortKey: p.sortKey,
        sortOrder: p.sortOrder,
        defaultSortKey: p.defaultSortKey,
        defaultSortOrder: p.defaultSortOrder,
        isRankable: p.isRankable,
        highlightedRowIndex: p.highlightedRowIndex,
        paginationi18n: p.paginationi18n,
        testId: p.testId,
      })}
      onSort={(data: { key: string; sortOrder: string }) => call(p.onSort, { key: data.key, sortOrder: data.sortOrder })}
      onSetPage={(page: number) => call(p.onSetPage, page)}
      onRankStart={(rankStart) => call(p.onRankStart, rankStart)}
      onRankEnd={(rankEnd) => call(p.onRankEnd, rankEnd)}
    />
  );
}

export const tableComponents: Record<string, NodeComponent> = {
  DynamicTable: DynamicTableNode,
};
