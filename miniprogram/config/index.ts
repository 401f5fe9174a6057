import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One Taro config for all targets: h5, dd (DingTalk), qywx (WeCom), lark (Feishu).
 *
 * Build-time env:
 *   HRLINK_API_BASE     API base for the mini-program builds (default http://127.0.0.1:3000/api).
 *                       H5 always talks to the same origin at /api (it is served by the server at /h5/).
 *   HRLINK_DD_CORP_ID   DingTalk corpId fallback when the launch query has no corpId (default empty).
 */
const taroEnv = process.env.TARO_ENV || 'h5';
const isH5 = taroEnv === 'h5';
const apiBase = isH5 ? '/api' : process.env.HRLINK_API_BASE || 'http://127.0.0.1:3000/api';
const ddCorpId = process.env.HRLINK_DD_CORP_ID || '';
/** Workspace package outside src/: transpile it like our own code (it is ES2019). */
const sharedDist = path.resolve(__dirname, '../../packages/shared/dist/esm');

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'hrlink',
    date: '2026-11-21',
    // NutUI's styles are drawn for a 375-wide design; ours for 750.
    designWidth(input?: unknown) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined;
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375;
      return 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${taroEnv}`,
    plugins: [
      '@tarojs/plugin-platform-alipay-dd',
      '@tarojs/plugin-platform-weapp-qy',
      '@tarojs/plugin-platform-lark',
    ],
    defineConstants: {
      HRLINK_API_BASE: JSON.stringify(apiBase),
      HRLINK_DD_CORP_ID: JSON.stringify(ddCorpId),
    },
    alias: {
      // The workspace contracts package; ES2019 ESM build made by the root postinstall.
      '@hrlink/shared': path.join(sharedDist, 'index.js'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: [sharedDist] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // Taro 4 renders base templates through XS helpers (wxs / sjs) by default. The Feishu plugin
      // (@tarojs/plugin-platform-lark 1.x, written for Taro 3) sets supportXS=false and ships no
      // utils.sjs, so with Taro 4 its base.ttml calls an undefined `xs.a(...)` and pages render
      // blank. Turning XS off for lark makes Taro emit plain `'tmpl_0_' + nn` templates again.
      experimental: taroEnv === 'lark' ? { useXsForTemplate: false } : {},
    },
    h5: {
      compile: { include: [sharedDist] },
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  return config;
});
