import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
// Imported first so the H5 build reads (and strips) ?platform&code&corpId before anything else runs.
import './platform/auth';
import { rememberLaunchQuery } from './platform/launch-options';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => rememberLaunchQuery(options?.query));
  return children;
}

export default App;
