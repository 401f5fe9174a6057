import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Result, Space, Table, Tooltip, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorCode } from '@hrlink/shared';
import type { ImportPreview } from '@hrlink/shared';
import { ApiError, errorMessage, saveBlob } from '../../api/client';
import { commitBalanceImport, downloadImportTemplate, uploadBalanceImport } from '../../api/leave';
import { showError } from '../../api/notify';
import { importColumns, importErrorsFromDetails, importSummary, type ImportRow } from '../../utils/leave';

const MAX_BYTES = 5 * 1024 * 1024;

type Stage = { kind: 'pick' } | { kind: 'preview'; preview: ImportPreview; filename: string } | { kind: 'done'; count: number };

/** 导入期初余额: template → upload (.xlsx, multipart) → preview with row errors → 确认导入 (all or nothing). */
export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [busy, setBusy] = useState<'upload' | 'commit' | 'template' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setStage({ kind: 'pick' });
    setError(null);
  };
  const close = () => {
    if (stage.kind === 'done') onImported();
    reset();
    onClose();
  };

  const template = async () => {
    setBusy('template');
    try {
      saveBlob(await downloadImportTemplate());
    } catch (err) {
      showError(err, '下载模板失败');
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    if (!/\.xlsx$/i.test(file.name)) return setError('请上传 .xlsx 格式的 Excel 文件');
    if (file.size > MAX_BYTES) return setError('文件不能超过 5 MB');
    setBusy('upload');
    try {
      const preview = await uploadBalanceImport(file, file.name);
      setStage({ kind: 'preview', preview, filename: file.name });
    } catch (err) {
      // Some servers answer row errors as IMPORT_INVALID instead of a preview: show them the same way.
      const rows = err instanceof ApiError ? importErrorsFromDetails(err.details) : [];
      if (rows.length) {
        setStage({
          kind: 'preview',
          filename: file.name,
          preview: { token: null, total: rows.length, valid: 0, rows: rows.map((r) => ({ row: r.row, values: {}, errors: r.errors })) },
        });
      } else setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (stage.kind !== 'preview' || !stage.preview.token) return;
    setBusy('commit');
    setError(null);
    try {
      const count = await commitBalanceImport(stage.preview.token);
      setStage({ kind: 'done', count: count ?? stage.preview.valid });
    } catch (err) {
      if (err instanceof ApiError && err.code === ErrorCode.IMPORT_EXPIRED) {
        setStage({ kind: 'pick' });
        setError('导入预览已过期（30 分钟），请重新上传文件');
      } else setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  let body: React.ReactNode;
  if (stage.kind === 'pick') {
    body = (
      <>
        <Typography.Paragraph>
          1. 下载模板，按列填写每位员工各假期类型的期初余额（工号、假期类型、余额）。
          <Button type="link" icon={<DownloadOutlined />} loading={busy === 'template'} onClick={template} data-testid="import-template">
            下载模板
          </Button>
        </Typography.Paragraph>
        <Typography.Paragraph>2. 上传填好的文件，系统先校验并预览，确认后才会写入；任何一行有错误都不会导入。</Typography.Paragraph>
        <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={busy === 'upload'}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{busy === 'upload' ? '正在校验…' : '点击或拖拽 .xlsx 文件到此处'}</p>
        </Upload.Dragger>
        </div>
      </>
    );
  } else if (stage.kind === 'preview') {
    const { preview } = stage;
    const summary = importSummary(preview);
    const keys = importColumns(preview);
    const columns: TableColumnsType<ImportRow> = [
      { title: '行', dataIndex: 'row', key: 'row', width: 60, fixed: 'left' },
      ...keys.map((k) => ({
        title: k,
        key: k,
        width: 120,
        ellipsis: true,
        render: (_: unknown, r: ImportRow) => {
          const v = r.values?.[k];
          return v === null || v === undefined ? '' : String(v);
        },
      })),
      {
        title: '校验结果',
        key: 'errors',
        width: 260,
        render: (_, r) =>
          r.errors.length ? (
            <Tooltip title={r.errors.join('；')}>
              <Typography.Text type="danger" data-testid="import-row-error">
                {r.errors.join('；')}
              </Typography.Text>
            </Tooltip>
          ) : (
            <Typography.Text type="success">通过</Typography.Text>
          ),
      },
    ];
    body = (
      <div data-testid="import-preview" data-can-commit={String(summary.canCommit)}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text>{stage.filename}</Typography.Text>
          <Typography.Text>共 {preview.total} 行，</Typography.Text>
          <Typography.Text type="success">通过 {preview.valid} 行</Typography.Text>
          {summary.errorRows > 0 && <Typography.Text type="danger">错误 {summary.errorRows} 行</Typography.Text>}
        </Space>
        {summary.errorRows > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            message="文件有错误，请修正后重新上传（全部通过才能导入）"
            description={summary.lines.join('；') + (summary.more ? `；另有 ${summary.more} 行错误` : '')}
          />
        ) : preview.total === 0 ? (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="文件中没有数据行" />
        ) : null}
        <Table<ImportRow>
          rowKey="row"
          size="small"
          columns={columns}
          dataSource={preview.rows}
          scroll={{ x: 180 + keys.length * 120 + 260, y: 360 }}
          pagination={false}
          rowClassName={(r) => (r.errors.length ? 'import-row-invalid' : '')}
          onRow={(r) => ({ style: r.errors.length ? { background: '#fff1f0' } : undefined, 'data-invalid': r.errors.length > 0 } as object)}
        />
      </div>
    );
  } else {
    body = (
      <div data-testid="import-done" data-count={stage.count}>
        <Result status="success" title={`已导入 ${stage.count} 条期初余额`} subTitle="已记入假期流水" />
      </div>
    );
  }

  const canCommit = stage.kind === 'preview' && importSummary(stage.preview).canCommit;

  return (
    <Modal
      open={open}
      title="导入期初余额"
      width={stage.kind === 'preview' ? 960 : 600}
      onCancel={close}
      destroyOnHidden
      footer={
        stage.kind === 'done' ? (
          <Button type="primary" onClick={close}>
            完成
          </Button>
        ) : (
          <Space>
            {stage.kind === 'preview' && <Button onClick={reset}>重新上传</Button>}
            <Button onClick={close}>取消</Button>
            {stage.kind === 'preview' && (
              <Button type="primary" disabled={!canCommit} loading={busy === 'commit'} onClick={commit} data-testid="import-commit">
                确认导入
              </Button>
            )}
          </Space>
        )
      }
    >
      <div data-testid="balance-import-dialog">
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} data-testid="import-error" />}
        {body}
      </div>
    </Modal>
  );
}
