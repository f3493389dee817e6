import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ChannelKind } from '@touchpoint/shared';
import { CHANNEL_ADAPTER_METADATA, type ChannelAdapter } from './channel-adapter';

/** Finds every `@RegisterChannelAdapter()` provider; one adapter per channel kind. */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly adapters = new Map<ChannelKind, ChannelAdapter>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      if (!Reflect.getMetadata(CHANNEL_ADAPTER_METADATA, wrapper.metatype)) continue;
      const adapter = wrapper.instance as ChannelAdapter;
      if (this.adapters.has(adapter.kind))
        throw new Error(`Two adapters for channel kind ${adapter.kind}`);
      this.adapters.set(adapter.kind, adapter);
    }
  }

  /** The adapter of `kind`, or undefined while that provider is not supported yet. */
  find(kind: ChannelKind): ChannelAdapter | undefined {
    return this.adapters.get(kind);
  }

  get(kind: ChannelKind): ChannelAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new Error(`No adapter for channel kind ${kind}`);
    return adapter;
  }
}
