import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '../../components/ui';
import './index.scss';

/** Placeholder for features not built yet (lives in the `features` sub-package). */
export default function ComingSoon() {
  const { params } = useRouter();
  const title = params.title ? decodeURIComponent(params.title) : '该功能';

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title });
  }, [title]);

  return (
    <View className="page soon">
      <View className="card soon__card">
        <Text id="feature-title" className="soon__title">
          {title}
        </Text>
        <Text id="feature-soon" className="soon__text">
          即将上线
        </Text>
        <Text className="muted">我们正在加紧开发，敬请期待。</Text>
      </View>
      <Button className="btn" type="primary" block onClick={() => void Taro.navigateBack()}>
        返回工作台
      </Button>
    </View>
  );
}
