// Loaded before every server test file (vitest `setupFiles`).
import 'reflect-metadata';
