import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OneTimeLinkRepository } from '../common/one-time-link.repository';
import { LoginUnlock } from './login-unlock.entity';

@Injectable()
export class LoginUnlockRepository extends OneTimeLinkRepository<LoginUnlock> {
  constructor(dataSource: DataSource) {
    super(dataSource, LoginUnlock);
  }
}
