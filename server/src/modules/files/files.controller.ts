import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { UploadedFileView } from '@hrlink/shared';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { FilesService } from './files.service';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';
import { FileUploadInterceptor } from '../../common/http/file-upload.interceptor';

/** Image upload (employees) and short-lived signed downloads. */
@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** multipart/form-data, field `file`; limits: FILE_MAX_BYTES (→ 413 PAYLOAD_TOO_LARGE), one file, 5 fields, 6 parts. */
  @Post()
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(UploadErrorsInterceptor, FileUploadInterceptor('file', (cfg) => ({ fileSize: cfg.get('files').maxBytes, files: 1, fields: 5, parts: 6 })))
  upload(@CurrentUser() user: SessionUser, @UploadedFile() file: { buffer: Buffer; size: number } | undefined): Promise<UploadedFileView> {
    return this.files.upload(user, file);
  }

  /** The URL is the credential (img src cannot carry a Bearer header): HMAC over file, viewer, variant, expiry. */
  @Public()
  @Get(':id')
  async download(
    @Param('id') id: string,
    @Query('t') t: string | undefined,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const f = await this.files.open(id, t);
    res.header('content-type', f.contentType);
    res.header('content-length', String(f.bytes.length));
    res.header('cache-control', `private, max-age=${f.maxAge}`);
    res.header('x-content-type-options', 'nosniff');
    res.header('content-disposition', 'inline');
    res.status(200).send(f.bytes);
  }
}
