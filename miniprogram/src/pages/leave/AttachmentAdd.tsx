import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';

export interface PickedImage {
  /** A local path Taro.uploadFile accepts (mini hosts: temp file; H5: blob: URL). */
  path: string;
  name?: string;
}

export interface AttachmentAddProps {
  max: number;
  onPicked(images: PickedImage[]): void;
}

/**
 * Mini hosts: chooseImage with camera and album (the host asks 拍照 / 从相册选择). H5: AttachmentAdd.h5.tsx.
 * Unlike the attendance PhotoPicker (camera only), a 证明材料 is usually an existing photo of a paper note.
 */
export default function AttachmentAdd({ max, onPicked }: AttachmentAddProps) {
  const add = async () => {
    try {
      const r = await Taro.chooseImage({ count: max, sourceType: ['camera', 'album'], sizeType: ['compressed'] });
      const paths = r.tempFilePaths || [];
      if (paths.length) onPicked(paths.slice(0, max).map((path) => ({ path })));
    } catch (err) {
      const msg = (err as { errMsg?: string; errorMessage?: string })?.errMsg || (err as { errorMessage?: string })?.errorMessage || '';
      if (!/cancel/i.test(msg)) void Taro.showToast({ title: '无法选择图片，请检查相机/相册权限', icon: 'none' });
    }
  };
  return (
    <View className="attach__add" onClick={() => void add()}>
      <Text>＋ 拍照/选择图片</Text>
    </View>
  );
}
