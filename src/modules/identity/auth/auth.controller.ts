import { Body, Controller, ExecutionContext, Get, HttpCode, Injectable, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { ApiErrors } from '../../../common/http/api-errors.decorator';
import type { Actor } from '../actor';
import { ChangePasswordDto, LoginDto, RefreshDto } from '../dto/identity.dto';
import { CurrentActor } from '../policy/current-actor.decorator';
import { Authenticated, Public } from '../policy/permission.decorator';
import { UsersService, UserView } from '../users.service';
import { AuthService, SessionUser } from './auth.service';
import { TokenPair } from './token.service';

@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) {
      throw new ValidationFailedError([
        { field: 'email', message: 'Escribe tu correo electrónico.' },
        { field: 'password', message: 'Escribe tu contraseña.' },
      ]);
    }
    return user;
  }

  override getRequest(ctx: ExecutionContext): Request {
    return ctx.switchToHttp().getRequest();
  }
}

function meta(req: Request): { ip?: string; userAgent?: string } {
  return { ip: req.ip, userAgent: req.get('user-agent') };
}

@ApiTags('Sesión')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOperation({ summary: 'Inicia sesión con correo y contraseña; devuelve un token de acceso (15 min) y uno de renovación.' })
  @ApiErrors(400, 401, 429)
  login(@Req() req: Request & { user: SessionUser }): Promise<TokenPair> {
    return this.auth.login(req.user, meta(req));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cambia un token de renovación por un par nuevo (el usado deja de servir).' })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken, meta(req));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Cierra la sesión del token de renovación (toda su familia).' })
  @ApiErrors(400)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'Tu perfil: roles y áreas.' })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id!);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Cambia tu contraseña; cierra tus demás sesiones y devuelve un par de tokens nuevo.' })
  @ApiErrors(400, 401)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<TokenPair> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta(req));
  }
}
