import { Image, Space, Typography } from 'antd';

/** Thumbnails of the short-lived photo URLs the server returns; click → antd's preview (zoom, rotate, next). */
export function Photos({ urls, size = 56 }: { urls: string[]; size?: number }) {
  if (!urls?.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Image.PreviewGroup>
      <Space size={6} wrap data-testid="photos">
        {urls.map((u, i) => (
          <Image
            key={u}
            src={u}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            alt={`照片 ${i + 1}`}
            fallback="data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='56' height='56'><rect width='56' height='56' fill='%23f0f0f0'/><text x='28' y='32' font-size='10' text-anchor='middle' fill='%23999'>已过期</text></svg>"
            data-testid="photo-thumb"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
