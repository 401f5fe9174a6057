import type { TablePaginationConfig } from 'antd';

/**
 * antd pagination for a server-paged list: page / pageSize state, total from the API, 共 N 条, and back to page 1
 * when the page size changes.
 */
export function serverPagination(opts: {
  page: number;
  pageSize: number;
  total: number | undefined;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  /** What is counted: 条 (default), 人 … */
  unit?: string;
}): TablePaginationConfig {
  const { page, pageSize, total, setPage, setPageSize, unit = '条' } = opts;
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (p, size) => {
      setPage(size !== pageSize ? 1 : p);
      setPageSize(size);
    },
  };
}
