import {
  DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3StorageConfig } from '../../../config/configuration';
import { STORAGE_KEY_PATTERN, StoragePort } from './storage.port';

/**
 * Objects in one bucket of an S3-compatible service (AWS S3, MinIO, Aliyun OSS, Tencent COS, …), key = storage key.
 * Objects stay private: nobody gets a bucket URL; GET /api/files/:id checks its signed token, reads the object here and
 * sends it (stripped for managers), exactly as with the local folder.
 */
export class S3Storage implements StoragePort {
  readonly client: S3Client;

  constructor(private readonly cfg: S3StorageConfig) {
    this.client = new S3Client({
      region: cfg.region,
      ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
      forcePathStyle: cfg.forcePathStyle,
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
      // Many S3-compatible services reject or ignore the SDK's default CRC32 checksum headers; send them only when an
      // operation requires them (none of ours does).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    });
  }

  private key(key: string): string {
    if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`bad storage key ${key}`);
    return key;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({
      Bucket: this.cfg.bucket, Key: this.key(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length,
    }));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(key) }));
      if (!res.Body) return null;
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404 && err.name !== 'NoSuchBucket')) {
        return null;
      }
      throw err;
    }
  }

  /** Idempotent: deleting a missing key succeeds (S3 semantics). */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: this.key(key) }));
  }

  /** Boot check: null when the bucket answers with these credentials, else what went wrong (for a log line). */
  async probe(): Promise<string | null> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.cfg.bucket }));
      return null;
    } catch (err) {
      const e = err as S3ServiceException;
      return `${e.name ?? 'Error'}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}: ${e.message}`;
    }
  }

  close(): void {
    this.client.destroy();
  }
}
