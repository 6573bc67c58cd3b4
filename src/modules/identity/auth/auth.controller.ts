import { Body, Controller, ExecutionContext, Get, HttpCode, Injectable, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { ApiErrors } from '../../../common/http/api-errors.decorator';
import type { Actor } from '../actor';
import { ChangePasswordDto, LoginDto, RefreshDto } from '../dto/identity.dto';
import { CurrentActor } from '../policy/current-actor.decorator';
import { Authenticated, Public } from '../policy/permission.decorator';
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

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOperation({ operationId: 'login', summary: 'Inicia sesión con correo y contraseña; devuelve un token de acceso (15 min) y uno de renovación.' })
  @ApiOkResponse({ type: LoginView, description: 'Usa accessToken en Authorize (Swagger UI) o en el encabezado Authorization: Bearer.' })
  @ApiErrors(400, 401, 429)
  login(@Req() req: Request & { user: SessionUser }): Promise<LoginView> {
    return this.auth.login(req.user, meta(req));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'refreshSession', summary: 'Cambia un token de renovación por un par nuevo (el usado deja de servir).' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto, @Req() req: Request): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken, meta(req));
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'Cierra la sesión del token de renovación (toda su familia).' })
  @ApiNoContentResponse({ description: 'Sesión cerrada (también si ya lo estaba).' })
  @ApiErrors(400)
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'Tu perfil: roles y áreas.' })
  @ApiOkResponse({ type: UserView })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(actor.id!);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ operationId: 'changeMyPassword', summary: 'Cambia tu contraseña; cierra tus demás sesiones y devuelve un par de tokens nuevo.' })
  @ApiOkResponse({ type: TokenPairView })
  @ApiErrors(400, 429)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Req() req: Request): Promise<TokenPairView> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta(req));
  }
}
