package org.hepml.dnn;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.hepml.event.HiggsEventSchema;
import org.hepml.event.PhysicsObject;

/**
 * Where each object's Cartesian momentum sits in a feature vector, found by feature name (the names
 * VectorAssembler records), so augmentation needs no hard-coded indices. Objects whose px and py are both
 * present are included; pz is −1 where absent (met).
 */
public record MomentumSlots(int[] px, int[] py, int[] pz) implements Serializable {

    public static MomentumSlots of(List<String> featureNames) {
        List<int[]> found = new ArrayList<>();
        for (PhysicsObject o : HiggsEventSchema.objects()) {
            int x = featureNames.indexOf(o.pxColumn());
            int y = featureNames.indexOf(o.pyColumn());
            int z = o.pzColumn().map(featureNames::indexOf).orElse(-1);
            if (x >= 0 && y >= 0) {
                found.add(new int[] {x, y, z});
            }
        }
        int n = found.size();
        int[] px = new int[n];
        int[] py = new int[n];
        int[] pz = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = found.get(i)[0];
            py[i] = found.get(i)[1];
            pz[i] = found.get(i)[2];
        }
        return new MomentumSlots(px, py, pz);
    }

    public int objects() {
        return px.length;
    }
}
