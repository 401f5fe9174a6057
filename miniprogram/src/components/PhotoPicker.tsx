import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { takePhotos } from '../platform/device';

export interface LocalPhoto {
  /** A local path Taro.uploadFile accepts (mini hosts: temp file; H5: blob: URL). */
  path: string;
  name?: string;
}

export interface PhotoPickerProps {
  id: string;
  photos: LocalPhoto[];
  max: number;
  onChange(photos: LocalPhoto[]): void;
}

/**
 * Camera-only photos (mini hosts: platform/device takePhotos → chooseImage / chooseMedia with
 * sourceType ['camera']). H5: PhotoPicker.h5.tsx (a file input with capture="environment").
 */
export default function PhotoPicker({ id, photos, max, onChange }: PhotoPickerProps) {
  const add = async () => {
    try {
      const paths = await takePhotos(max - photos.length);
      if (paths.length) onChange([...photos, ...paths.map((path) => ({ path }))].slice(0, max));
    } catch (err) {
      const msg = (err as { errMsg?: string; errorMessage?: string })?.errMsg || (err as { errorMessage?: string })?.errorMessage || '';
      if (!/cancel/i.test(msg)) void Taro.showToast({ title: '无法打开相机，请检查相机权限', icon: 'none' });
    }
  };
  return (
    <View id={id} className="photos" data-count={photos.length}>
      {photos.map((p, i) => (
        <View key={p.path} className="photos__item">
          <Image className="photos__img" src={p.path} mode="aspectFill" />
          <Text className="photos__remove" onClick={() => onChange(photos.filter((_, j) => j !== i))}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < max && (
        <View className="photos__add" onClick={() => void add()}>
          <Text>＋ 拍照</Text>
        </View>
      )}
    </View>
  );
}
