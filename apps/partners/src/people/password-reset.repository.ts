import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OneTimeLinkRepository } from '../common/one-time-link.repository';
import { PasswordReset } from './password-reset.entity';

@Injectable()
export class PasswordResetRepository extends OneTimeLinkRepository<PasswordReset> {
  constructor(dataSource: DataSource) {
    super(dataSource, PasswordReset);
  }
}
