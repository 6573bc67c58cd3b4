import { Body, Controller, ExecutionContext, Injectable, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { Route } from '../policy/route.decorator';
import type { Actor } from '../actor';
import { ChangePasswordDto, LoginDto, RefreshDto } from '../dto/identity.dto';
import { CurrentActor } from '../policy/current-actor.decorator';
import { LoginView, TokenPairView, UserView } from '../identity.view';
import { UsersService } from '../users.service';
import type { SessionUser } from '../identity.rows';
import { AuthService } from './auth.service';
import { credentialProblems } from './local.strategy';

@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T, _info: unknown, ctx: ExecutionContext): T {
    if (err instanceof Error) throw err;
    if (err) throw new Error('passport-local failed without an Error');
    // passport-local fails without calling the strategy when a credential is missing.
    if (!user) throw new ValidationFailedError(credentialProblems(ctx.switchToHttp().getRequest<Request>().body));
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

  @Route('post login', 'public', {
    ok: { type: LoginView, description: 'Usa accessToken en Authorize (Swagger UI) o en el encabezado Authorization: Bearer.' },
    status: 200,
    errors: [400, 401, 429],
  })
  @UseGuards(LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiOperation({ operationId: 'login', summary: 'Inicia sesión con correo y contraseña; devuelve un token de acceso (15 min) y uno de renovación.' })
  login(@Req() req: Request & { user: SessionUser }): Promise<LoginView> {
    return this.auth.login(req.user, meta(req));
  }

  @Route('post refresh', 'public', { ok: TokenPairView, status: 200, errors: [400, 401] })
  @ApiOperation({ operationId: 'refreshSession', summary: 'Cambia un token de renovación por un par nuevo (el usado deja de servir).' })
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken, meta(req));
  }

  @Route('post logout', 'public', { noContent: 'Sesión cerrada (también si ya lo estaba).', status: 204, errors: [400] })
  @ApiOperation({ operationId: 'logout', summary: 'Cierra la sesión del token de renovación (toda su familia).' })
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Route('get me', 'authenticated', { ok: UserView })
  @ApiOperation({ operationId: 'getMe', summary: 'Tu perfil: roles y áreas.' })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id!);
  }

  @Route('post password', 'authenticated', { ok: TokenPairView, status: 200, errors: [400, 429] })
  @ApiOperation({ operationId: 'changeMyPassword', summary: 'Cambia tu contraseña; cierra tus demás sesiones y devuelve un par de tokens nuevo.' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<TokenPairView> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta(req));
  }
}
