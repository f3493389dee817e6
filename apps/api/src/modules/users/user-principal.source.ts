import { Injectable, Module } from '@nestjs/common';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PrincipalSource, type PrincipalRecord } from '../../core/auth/principal-source';
import { User } from './user.entity';

/** Accounts for core's session checks, read fresh on every call. */
@Injectable()
export class UserPrincipalSource extends PrincipalSource {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {
    super();
  }

  find(userId: string): Promise<PrincipalRecord | null> {
    return this.users.findOne({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
    });
  }
}

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [UserPrincipalSource],
  exports: [UserPrincipalSource],
})
export class UserPrincipalModule {}
