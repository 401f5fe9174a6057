import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminLoginResponse, EmployeeProfile, PlatformLoginResponse, TokenPair } from '@hrlink/shared';
import { CurrentUser, Public } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { AuthService } from './auth.service';
import { AdminLoginDto, PlatformLoginDto, RefreshDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: PlatformLoginDto): Promise<PlatformLoginResponse> {
    return this.auth.platformLogin(dto);
  }

  @Public()
  @Post('auth/admin-login')
  @HttpCode(200)
  adminLogin(@Body() dto: AdminLoginDto): Promise<AdminLoginResponse> {
    return this.auth.adminLogin(dto);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: SessionUser): Promise<EmployeeProfile> {
    return this.auth.me(user);
  }
}
