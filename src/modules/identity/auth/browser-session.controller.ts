import { Body, CanActivate, Controller, ExecutionContext, HttpCode, Injectable, Post, Req, Res, UseGuards } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBody, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../../../common/http/api-errors.decorator';
import { AppConfig } from '../../../config/app-config';
import type { Actor } from '../actor';
import { ChangePasswordDto, LoginDto } from '../dto/identity.dto';
import { CurrentActor } from '../policy/current-actor.decorator';
import { Authenticated, Public } from '../policy/permission.decorator';
import { ROLES } from '../identity.types';
import type { Role } from '../identity.types';
import { UsersService } from '../users.service';
import { LoginGuard } from './auth.controller';
import { IdentityErrorCode, UnauthenticatedError } from '../identity.errors';
import type { SessionUser } from '../identity.rows';
import { AuthService } from './auth.service';
import { assertSameSiteRequest, clearRefreshCookie, CSRF_HEADER, readRefreshCookie, setRefreshCookie } from './browser-session';
import type { AccessClaims, TokenPair } from './token.service';

class AreaRefView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class SessionProfileView {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: [AreaRefView] }) areas: AreaRefView[];
  @ApiProperty({
    description: 'true: entraste con una contraseña temporal; cámbiala antes de usar el sistema (las demás rutas responden 403 PASSWORD_CHANGE_REQUIRED).',
  })
  mustChangePassword: boolean;
}

export class BrowserSessionView {
  @ApiProperty({ description: 'Token de acceso; la página lo guarda solo en memoria.' }) accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Segundos de vida del token de acceso.', example: 900 }) expiresIn: number;
  @ApiProperty({ type: SessionProfileView }) user: SessionProfileView;
}

/** Runs before passport-local, so a cross-site request never reaches the password check. */
@Injectable()
class SameSiteGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    assertSameSiteRequest(ctx.switchToHttp().getRequest<Request>(), this.config.get('PUBLIC_BASE_URL'));
    return true;
  }
}

const CSRF = ApiHeader({ name: CSRF_HEADER, required: true, description: 'Siempre "1": prueba que la solicitud la hace una página de este sitio.' });

function meta(req: Request): { ip?: string; userAgent?: string } {
  return { ip: req.ip, userAgent: req.get('user-agent') };
}

/**
 * Sessions for the web application: the same accounts, throttling and token
 * families as /auth/login|refresh|logout (which keep answering API clients with
 * tokens in the body), but the refresh token never leaves its httpOnly cookie.
 */
@ApiTags('Sesión')
@Controller('api/v1/auth/session')
@UseGuards(SameSiteGuard)
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  private async answer(req: Request, res: Response, pair: TokenPair, userId: string): Promise<BrowserSessionView> {
    setRefreshCookie(req, res, pair.refreshToken, pair.refreshExpiresAt);
    const u = await this.users.get(userId);
    return {
      accessToken: pair.accessToken,
      tokenType: pair.tokenType,
      expiresIn: pair.expiresIn,
      user: { id: u.id, email: u.email, fullName: u.fullName, roles: u.roles, areas: u.areas, mustChangePassword: u.mustChangePassword },
    };
  }

  @Post()
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @CSRF
  @ApiBody({ type: LoginDto })
  @ApiOperation({
    operationId: 'startBrowserSession',
    summary: 'Inicia sesión en la aplicación web: devuelve el token de acceso y deja el de renovación en una cookie httpOnly.',
  })
  @ApiOkResponse({ type: BrowserSessionView })
  @ApiErrors(400, 401, 403, 429)
  async login(@Req() req: Request & { user: SessionUser }, @Res({ passthrough: true }) res: Response): Promise<BrowserSessionView> {
    const pair = await this.auth.login(req.user, meta(req));
    return this.answer(req, res, pair, req.user.id);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @CSRF
  @ApiOperation({ operationId: 'refreshBrowserSession', summary: 'Renueva la sesión de la aplicación web con la cookie de renovación (rota la cookie).' })
  @ApiOkResponse({ type: BrowserSessionView })
  @ApiErrors(401, 403)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<BrowserSessionView> {
    const token = readRefreshCookie(req);
    if (!token) throw new UnauthenticatedError(IdentityErrorCode.NoSession, 'No hay una sesión abierta en este navegador; inicia sesión.');
    let pair: TokenPair;
    try {
      pair = await this.auth.refresh(token, meta(req));
    } catch (err) {
      clearRefreshCookie(req, res);
      throw err;
    }
    const claims = this.jwt.decode<AccessClaims>(pair.accessToken);
    return this.answer(req, res, pair, claims.sub);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @CSRF
  @ApiOperation({ operationId: 'endBrowserSession', summary: 'Cierra la sesión de la aplicación web: revoca la familia de la cookie y la borra.' })
  @ApiNoContentResponse()
  @ApiErrors(403)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = readRefreshCookie(req);
    if (token) await this.auth.logout(token);
    clearRefreshCookie(req, res);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @CSRF
  @ApiOperation({
    operationId: 'changeBrowserSessionPassword',
    summary: 'Cambia tu contraseña desde la aplicación web; cierra tus demás sesiones y renueva la cookie de esta.',
  })
  @ApiOkResponse({ type: BrowserSessionView })
  @ApiErrors(400, 401, 403, 429)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BrowserSessionView> {
    const pair = await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta(req));
    return this.answer(req, res, pair, actor.id!);
  }
}
