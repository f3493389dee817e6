export interface HealthDto {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

export interface WorkspaceDto {
  name: string;
}
