import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { createValidationPipe } from '../http/validation.pipe';
import { NotAuthenticatedError } from '../http/domain-errors';
import { LoginDto } from './dto/auth.dto';

/**
 * Runs the local strategy. Guards run before pipes, so the body is validated here first:
 * a malformed login is a 400 and never reaches the password check or the lockout count.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    request.body = await this.validation.transform(request.body, { type: 'body', metatype: LoginDto });
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error as Error; // what the local strategy threw, handed on by Passport
    if (!user) throw new NotAuthenticatedError('E-mail address and password are required');
    return user;
  }
}
