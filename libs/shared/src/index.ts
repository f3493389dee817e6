export * from './constants/roles';
export * from './constants/limits';
export * from './schemas/common.schema';
export * from './schemas/auth.schema';
export * from './schemas/user.schema';
export * from './schemas/team.schema';
export * from './schemas/health.schema';
export * from './realtime/events';
