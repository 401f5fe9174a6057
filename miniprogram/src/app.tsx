import { type PropsWithChildren } from 'react';
// Imported first so the H5 build reads (and strips) ?platform&code&corpId before anything else runs.
import './platform/auth';
import './app.scss';

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
