import { Module } from '@nestjs/common';
import { IntegrationsModule } from '../integrations/integrations.module';
import { OrgModule } from '../org/org.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { TokensService } from './tokens.service';

@Module({
  imports: [IntegrationsModule, OrgModule],
  controllers: [AuthController],
  providers: [AuthService, TokensService],
})
export class AuthModule {}
