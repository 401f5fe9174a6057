import { Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { UploadedFileView } from '@hrlink/shared';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { FilesService } from './files.service';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';

/** Image upload (employees) and short-lived signed downloads. */
@ApiTags('files')
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** multipart/form-data, field `file`; limits from MulterModule (FILE_MAX_BYTES → 413 PAYLOAD_TOO_LARGE). */
  @Post()
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  upload(@CurrentUser() user: SessionUser, @UploadedFile() file: { buffer: Buffer; size: number } | undefined): Promise<UploadedFileView> {
    return this.files.upload(user, file);
  }

  /** The URL is the credential (img src cannot carry a Bearer header): HMAC over file, viewer, variant, expiry. */
  @Public()
  @Get(':id')
  async download(
    @Param('id') id: string,
    @Query('t') t: string | undefined,
    @Res() res: { setHeader(k: string, v: string): void; status(n: number): { end(b: Buffer): void } },
  ): Promise<void> {
    const f = await this.files.open(id, t);
    res.setHeader('content-type', f.contentType);
    res.setHeader('content-length', String(f.bytes.length));
    res.setHeader('cache-control', `private, max-age=${f.maxAge}`);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', 'inline');
    res.status(200).end(f.bytes);
  }
}
