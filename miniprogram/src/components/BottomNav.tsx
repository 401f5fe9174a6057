import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import './BottomNav.scss';

const ITEMS = [
  { key: 'home', title: '工作台', url: '/pages/home/index' },
  { key: 'profile', title: '我的', url: '/pages/profile/index' },
];

/** Simple two-item nav between the workbench and the profile (no native tab bar: fewer host quirks). */
export default function BottomNav({ active }: { active: 'home' | 'profile' }) {
  return (
    <View className="bottom-nav">
      {ITEMS.map((item) => (
        <View
          key={item.key}
          id={`nav-${item.key}`}
          className={`bottom-nav__item ${item.key === active ? 'bottom-nav__item--active' : ''}`}
          onClick={() => {
            if (item.key !== active) Taro.redirectTo({ url: item.url });
          }}
        >
          <Text>{item.title}</Text>
        </View>
      ))}
    </View>
  );
}
